import NewsModel

/// One page of a long list of stories: which page it is and where its neighbours are.
public struct Pagination: Sendable, Hashable {
    /// Stories per page.
    public static let pageSize = 20
    /// Page links shown on each side of the current page; the first and last are always shown.
    public static let window = 3

    /// 1-based page number.
    public var page: Int
    /// Number of pages.
    public var pageCount: Int
    /// Site-relative folder of the list's first page (`regions/hangzhou/`).
    public var base: String

    /// Creates the position of one page.
    public init(page: Int, pageCount: Int, base: String) {
        self.page = page
        self.pageCount = pageCount
        self.base = base
    }

    /// Site-relative folder of page `number`: the base for page 1, `base/page/N/` after it.
    public func folder(_ number: Int) -> String { number <= 1 ? base : .concatenating(base, "page/", String(number) + "/") }

    /// The page's own folder.
    public var folder: String { folder(page) }

    /// `<link rel="prev|next">` for the head.
    public func headLinks(context: PageContext) -> HTML {
        var links: [HTML] = []
        if page > 1 { links.append("<link rel=\"prev\" href=\"\(context.link(folder(page - 1)))\">") }
        if page < pageCount { links.append("<link rel=\"next\" href=\"\(context.link(folder(page + 1)))\">") }
        return links.isEmpty ? HTML() : HTML.joined(links, separator: "\n") + "\n"
    }

    /// The page links under the list.
    public func navigation(context: PageContext) -> HTML? {
        guard pageCount > 1 else { return nil }
        var items: [HTML] = []
        if page > 1 { items.append("<a rel=\"prev\" href=\"\(context.link(folder(page - 1)))\">上一页</a>") }
        var previousShown = 0
        for number in 1...pageCount where number == 1 || number == pageCount || abs(number - page) <= Self.window {
            if number - previousShown > 1 { items.append("<span class=\"gap\">…</span>") }
            items.append(number == page
                ? "<span aria-current=\"page\">\(number)</span>"
                : "<a href=\"\(context.link(folder(number)))\">\(number)</a>")
            previousShown = number
        }
        if page < pageCount { items.append("<a rel=\"next\" href=\"\(context.link(folder(page + 1)))\">下一页</a>") }
        return "<nav class=\"pagination\" aria-label=\"分页\">\(HTML.joined(items, separator: " "))</nav>\n"
    }

    /// A title for page N of a list: `杭州市（第2页）`.
    public func title(_ base: String) -> String { page > 1 ? "\(base)（第\(page)页）" : base }
}
