import Foundation

/// The small script the preview injects into every HTML page it serves — never into `build` output.
///
/// The page carries the site version it was served with. The script opens the event stream; the
/// server's first event names the current version, so an edit made between loading the page and
/// connecting still reloads it. Later `change` events list the pages that changed: a tab reloads
/// when its own page is among them (or when everything changed), keeping its scroll position, and
/// follows its article to the new address when a retitled story's page moved. A tab out of sight
/// lets go of its stream (a browser opens at most six connections to one server, and each open tab
/// held one: a seventh tab never loaded) and connects again when shown, the `hello` event then
/// reloading it if the site changed meanwhile. A tab whose page did not change but whose warning
/// panel did (`WarningPanel`: the site's warnings are on every page) fetches its page again and
/// swaps in the new panel, keeping it open or folded as it was, instead of reloading. The fetch
/// goes out while the tab keeps its stream, so that it misses no change; one still waiting after
/// two seconds waits on the browser's six connections (six tabs in sight), and the tab lets go of
/// its stream for it, connecting again after (its `hello` then reloads it if the site changed).
enum ReloadScript {
    /// Where browsers listen for changes.
    static let eventsPath = "/__unionpress/events"
    /// The marker that opens the injected tag; the error banner is inserted right before it.
    static let marker = "<script id=\"unionpress-live-reload\""

    /// The `<script>` tag for a page served at site `version`.
    /// - Parameters:
    ///   - version: the site version (hex digits and `-`), see `SiteState.version`.
    ///   - warnings: the version of its warnings (hex digits), see `SiteState.warningsVersion`.
    static func tag(version: String, warnings: String) -> String {
        // The versions are made of hex digits and '-', so they need no escaping inside the string literals.
        marker + " data-version=\"\(version)\">" + source(version: version, warnings: warnings) + "</script>"
    }

    private static func source(version: String, warnings: String) -> String {
        """
        (function(){"use strict";\
        var version="\(version)",warnings="\(warnings)";\
        if(!window.EventSource)return;\
        var key=location.pathname.replace(/^\\//,"");\
        try{key=decodeURIComponent(key);}catch(e){}\
        if(key===""||key.charAt(key.length-1)==="/")key+="index.html";\
        var scrollKey="unionpress-scroll:"+location.pathname;\
        try{var y=sessionStorage.getItem(scrollKey);if(y!==null){sessionStorage.removeItem(scrollKey);\
        window.addEventListener("load",function(){window.scrollTo(0,+y);});}}catch(e){}\
        var source=null;\
        function stop(){if(source){source.close();source=null;}}\
        var foldKey="unionpress-folded:"+location.pathname;\
        function own(p){return !!(p&&p.querySelector("[data-this-page]"));}\
        function pad(){var p=document.getElementById("unionpress-warnings");\
        document.body.style.paddingBottom=p?(p.offsetHeight+24)+"px":"";}\
        document.addEventListener("toggle",function(e){if(!e.target||e.target.id!=="unionpress-warnings")return;\
        try{sessionStorage.setItem(foldKey,e.target.open?"":warnings);}catch(x){}pad();},true);\
        function panelReady(){var p=document.getElementById("unionpress-warnings");\
        try{if(p&&p.open&&sessionStorage.getItem(foldKey)===warnings)p.open=false;}catch(x){}pad();}\
        if(document.readyState==="loading")document.addEventListener("DOMContentLoaded",panelReady);else panelReady();\
        function swapPanel(){var wait=setTimeout(stop,2000);\
        fetch(location.href,{cache:"no-store"}).then(function(r){return r.text();}).then(function(t){\
        var got=new DOMParser().parseFromString(t,"text/html").getElementById("unionpress-warnings");\
        var old=document.getElementById("unionpress-warnings");\
        var panel=got?document.importNode(got,true):null;\
        if(old&&panel){if(own(old)===own(panel))panel.open=old.open;old.replaceWith(panel);}else if(old){old.remove();}\
        else if(panel){document.body.insertBefore(panel,document.getElementById("unionpress-live-reload"));}\
        pad();}).catch(function(){}).then(function(){clearTimeout(wait);sync();});}\
        function reload(){stop();\
        try{sessionStorage.setItem(scrollKey,String(window.scrollY));}catch(e){}\
        location.reload();}\
        function connect(){source=new EventSource("\(eventsPath)");\
        source.addEventListener("hello",function(e){if(e.data!==version)reload();});\
        source.addEventListener("change",function(e){var m;try{m=JSON.parse(e.data);}catch(x){reload();return;}\
        var to=m.moved&&Object.prototype.hasOwnProperty.call(m.moved,key)?m.moved[key]:null;\
        if(to){stop();location.replace("/"+to.replace(/index\\.html$/,""));return;}\
        if(m.all||m.changed.indexOf(key)>=0){reload();return;}\
        version=m.version;if(m.warnings!==warnings){warnings=m.warnings;swapPanel();}});}\
        function sync(){if(document.hidden)stop();else if(!source)connect();}\
        document.addEventListener("visibilitychange",sync);\
        sync();\
        })();
        """
    }

    /// `html` with `snippet` inserted before its last `</body>` (any case), or appended when it has none.
    /// - Returns: the new bytes and the offset at which `snippet` starts.
    static func inject(_ snippet: String, into html: Data) -> (data: Data, offset: Int) {
        let offset = closingBodyOffset(in: html) ?? html.count
        var result = Data(capacity: html.count + snippet.utf8.count)
        result.append(html.prefix(offset))
        result.append(contentsOf: snippet.utf8)
        result.append(html.dropFirst(offset))
        return (result, offset)
    }

    /// The byte offset of the last `</body>`, compared without regard to ASCII case.
    static func closingBodyOffset(in html: Data) -> Int? {
        let needle = Array("</body>".utf8)
        return html.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int? in
            guard buffer.count >= needle.count else { return nil }
            var start = buffer.count - needle.count
            while start >= 0 {
                var matched = true
                for (offset, expected) in needle.enumerated() {
                    let byte = buffer[start + offset]
                    let lowered = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte
                    if lowered != expected { matched = false; break }
                }
                if matched { return start }
                start -= 1
            }
            return nil
        }
    }
}
