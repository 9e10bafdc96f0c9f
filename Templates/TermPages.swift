import NewsModel

/// Pages of regions and topics, and their directories.
public enum TermPages {
    /// A region's page: the way up the hierarchy, the places under it, and its stories (including
    /// those of the places under it).
    /// - Parameters:
    ///   - stories: this page's stories.
    ///   - total: the number of stories on all pages.
    ///   - pagination: which page of the list this is.
    public static func region(_ region: Region, ancestors: [Region], children: [TermCount], stories: [StoryCard], total: Int,
                              pagination: Pagination, context: PageContext) -> HTML {
        let trail: [HTML] = (ancestors.reversed()).map { "<a href=\"\(context.link($0.url))\">\($0.name)</a> › " }
        let content: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><a href="\(context.link("regions/"))">地区</a> › \(trail)<span aria-current="page">\(region.name)</span></nav>
        <h1 class="page-title">\(pagination.title(region.name))</h1>
        <p class="page-summary">共 \(total) 篇报道 · <a href="\(context.link(region.url + "feed.xml"))">订阅本地区</a></p>
        \(StoryList.chips(children, context: context, label: "下级地区"))
        \(StoryList.list(stories, context: context, heading: "\(region.name)的报道"))
        \(pagination.navigation(context: context))
        """
        let head = pagination.headLinks(context: context)
            + "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(region.name)\" href=\"\(context.link(region.url + "feed.xml"))\">\n"
        return Layout.page(title: pagination.title(region.name), description: "\(region.name)的工会新闻：共 \(total) 篇报道。",
                           context: context, content: content, extraHead: head)
    }

    /// A topic's page.
    public static func topic(_ topic: Topic, stories: [StoryCard], total: Int, pagination: Pagination, context: PageContext) -> HTML {
        let content: HTML = """
        <nav class="breadcrumbs" aria-label="位置"><a href="\(context.link("topics/"))">专题</a> › <span aria-current="page">\(topic.name)</span></nav>
        <h1 class="page-title">\(pagination.title(topic.name))</h1>
        <p class="page-summary">共 \(total) 篇报道 · <a href="\(context.link(topic.url + "feed.xml"))">订阅本专题</a></p>
        \(StoryList.list(stories, context: context, heading: "专题报道"))
        \(pagination.navigation(context: context))
        """
        let head = pagination.headLinks(context: context)
            + "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"\(topic.name)\" href=\"\(context.link(topic.url + "feed.xml"))\">\n"
        return Layout.page(title: pagination.title(topic.name), description: "专题“\(topic.name)”：共 \(total) 篇报道。",
                           context: context, content: content, extraHead: head)
    }

    /// The directory of regions, as a tree.
    public static func regionDirectory(_ tree: [TermCount], context: PageContext) -> HTML {
        func branch(_ terms: [TermCount]) -> HTML {
            guard !terms.isEmpty else { return HTML() }
            let items: [HTML] = terms.map { "<li><a href=\"\(context.link($0.url))\">\($0.name)</a> <span class=\"count\">\($0.count)</span>\(branch($0.children))</li>" }
            return "<ul class=\"region-tree\">\(items)</ul>"
        }
        let content: HTML = """
        <h1 class="page-title">地区</h1>
        <p class="page-summary">按省、市、县（市、区）浏览各地工会新闻。</p>
        \(tree.isEmpty ? "<p class=\"empty\">暂无地区。</p>" : branch(tree))
        """
        return Layout.page(title: "地区", description: "按地区浏览工会新闻。", context: context, content: content)
    }

    /// The directory of topics.
    public static func topicDirectory(_ topics: [TermCount], context: PageContext) -> HTML {
        let content: HTML = """
        <h1 class="page-title">专题</h1>
        <p class="page-summary">按专题浏览：产改、新就业形态、建会入会等。</p>
        \(topics.isEmpty ? "<p class=\"empty\">暂无专题。</p>" : StoryList.chips(topics, context: context, label: "专题"))
        """
        return Layout.page(title: "专题", description: "按专题浏览工会新闻。", context: context, content: content)
    }
}
