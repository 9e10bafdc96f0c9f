/// The portal's front page: the latest stories and the ways into topics and regions.
public enum HomePage {
    /// Renders the home page.
    public static func render(latest: [StoryCard], topics: [TermCount], cities: [TermCount], context: PageContext) -> HTML {
        let lead: HTML? = latest.first.map { card in
            """
            <article class="lead-story">
            \(card.article.headline.kicker.map { "<p class=\"story-kicker\">\($0)</p>" as HTML })<h2><a href="\(context.link(card.article.url))">\(card.article.headline.title)</a></h2>
            \(card.article.headline.subtitle.map { "<p class=\"lead-subtitle\">\($0)</p>" as HTML })\(StoryList.meta(card.article, context: context, linkTerms: false))
            <p>\(card.snippet)</p>
            </article>
            """
        }
        let content: HTML = """
        <h1 class="visually-hidden">\(context.site.name)</h1>
        <div class="home-grid">
        <section class="home-latest" aria-labelledby="latest-heading">
        <h2 id="latest-heading" class="section-title">最新报道</h2>
        \(lead)
        \(StoryList.list(Array(latest.dropFirst()), context: context))
        <p class="more"><a href="\(context.link("archive/"))">更多报道：往期回顾</a></p>
        </section>
        <aside class="home-side">
        <section aria-labelledby="topics-heading">
        <h2 id="topics-heading" class="section-title">专题</h2>
        \(StoryList.chips(topics, context: context, label: "专题"))
        <p class="more"><a href="\(context.link("topics/"))">全部专题</a></p>
        </section>
        <section aria-labelledby="regions-heading">
        <h2 id="regions-heading" class="section-title">地区</h2>
        \(StoryList.chips(cities, context: context, label: "地区"))
        <p class="more"><a href="\(context.link("regions/"))">全部地区</a></p>
        </section>
        </aside>
        </div>
        """
        return Layout.page(title: nil, description: context.site.description, context: context, content: content)
    }
}
