import Foundation
import NewsModel

/// Machine-readable descriptions of a story for search engines and social sites.
public enum Metadata {
    /// The `<head>` additions of an article page: NewsArticle JSON-LD and Open Graph article tags.
    /// - Parameter image: the address of the story's first picture, relative to its page or
    ///   absolute; given as `og:image` and the JSON-LD `image` when the site has an address (both
    ///   must be absolute).
    public static func article(_ article: Article, description: String, context: PageContext, image: String? = nil) -> HTML {
        var tags: [HTML] = ["<meta property=\"og:type\" content=\"article\">"]
        let image = image.flatMap { absoluteAddress($0, context: context) }
        if let image { tags.append("<meta property=\"og:image\" content=\"\(image)\">") }
        if let date = article.date { tags.append("<meta property=\"article:published_time\" content=\"\(date.timestamp)\">") }
        for topic in article.topics { tags.append("<meta property=\"article:tag\" content=\"\(topic.name)\">") }
        var described = newsArticle(article, description: description, context: context)
        described.image = image
        return HTML.joined(tags, separator: "\n") + "\n" + jsonLD(described)
    }

    /// `address` (relative to the page of `context`, or absolute) as an absolute http(s) URL, or
    /// `nil` when the site has no address or `address` leads elsewhere (`data:`).
    static func absoluteAddress(_ address: String, context: PageContext) -> String? {
        guard context.site.baseURL != nil, let page = URL(string: context.canonical),
              let resolved = URL(string: address, relativeTo: page)?.absoluteURL,
              resolved.scheme == "https" || resolved.scheme == "http" else { return nil }
        return resolved.absoluteString
    }

    /// A `<script type="application/ld+json">` element whose content cannot end the script early:
    /// `<`, `>` and `&` are written as JSON escapes, so no text in a story can close the element.
    static func jsonLD(_ value: NewsArticleLD) -> HTML {
        // JSON whose strings are script-safe cannot close or open an element.
        HTML(unsafeRaw: "<script type=\"application/ld+json\">") + HTML(unsafeRawUTF8: value.scriptSafeJSON) + HTML(unsafeRaw: "</script>\n")
    }

    /// schema.org NewsArticle for `article`.
    static func newsArticle(_ article: Article, description: String, context: PageContext) -> NewsArticleLD {
        let people = article.byline.allNames.map { PersonLD(name: $0) }
        return NewsArticleLD(
            headline: article.headline.title,
            alternativeHeadline: [article.headline.kicker, article.headline.subtitle].compactMap { $0 }.first,
            description: description,
            datePublished: article.date?.timestamp,
            author: people.isEmpty ? nil : people,
            publisher: OrganizationLD(name: context.site.name),
            sourceOrganization: article.attribution.map { OrganizationLD(name: $0) },
            mainEntityOfPage: context.canonical,
            articleSection: article.headline.column ?? article.topics.first?.name,
            keywords: article.topics.isEmpty ? nil : article.topics.map(\.name).joined(separator: ","),
            contentLocation: article.regions.first.map { PlaceLD(name: $0.name) },
            inLanguage: "zh-CN"
        )
    }
}

/// schema.org NewsArticle.
struct NewsArticleLD: Encodable {
    let context = "https://schema.org"
    let type = "NewsArticle"
    var headline: String
    var alternativeHeadline: String?
    var description: String
    var datePublished: String?
    var author: [PersonLD]?
    var publisher: OrganizationLD
    var sourceOrganization: OrganizationLD?
    var mainEntityOfPage: String
    var articleSection: String?
    var keywords: String?
    var contentLocation: PlaceLD?
    var inLanguage: String
    var image: String?

    enum CodingKeys: String, CodingKey {
        case context = "@context", type = "@type", headline, alternativeHeadline, description, datePublished, author,
             publisher, sourceOrganization, mainEntityOfPage, articleSection, keywords, contentLocation, inLanguage, image
    }
}

extension NewsArticleLD {
    /// The object as `JSONEncoder` writes it with sorted keys and slashes left alone, every string
    /// with `<`, `>`, `&`, U+2028 and U+2029 in its strings written as escapes (see `JSONText`):
    /// written by hand, once per article page.
    var scriptSafeJSON: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512 + description.utf8.count)
        func key(_ name: String) {
            bytes.append(bytes.isEmpty ? UInt8(ascii: "{") : UInt8(ascii: ","))
            JSONText.appendString(name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
        }
        func string(_ name: String, _ value: String?) {
            guard let value else { return }
            key(name)
            JSONText.appendString(value, to: &bytes, scriptSafe: true)
        }
        func typed(_ type: String, name: String) {
            bytes += Array("{\"@type\":".utf8)
            JSONText.appendString(type, to: &bytes, scriptSafe: true)
            bytes += Array(",\"name\":".utf8)
            JSONText.appendString(name, to: &bytes, scriptSafe: true)
            bytes.append(UInt8(ascii: "}"))
        }
        string("@context", context)
        string("@type", type)
        string("alternativeHeadline", alternativeHeadline)
        string("articleSection", articleSection)
        if let author {
            key("author")
            bytes.append(UInt8(ascii: "["))
            for (index, person) in author.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                typed(person.type, name: person.name)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        if let contentLocation {
            key("contentLocation")
            typed(contentLocation.type, name: contentLocation.name)
        }
        string("datePublished", datePublished)
        string("description", description)
        string("headline", headline)
        string("image", image)
        string("inLanguage", inLanguage)
        string("keywords", keywords)
        string("mainEntityOfPage", mainEntityOfPage)
        key("publisher")
        typed(publisher.type, name: publisher.name)
        if let sourceOrganization {
            key("sourceOrganization")
            typed(sourceOrganization.type, name: sourceOrganization.name)
        }
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }
}

/// schema.org Person.
struct PersonLD: Encodable {
    let type = "Person"
    var name: String
    enum CodingKeys: String, CodingKey { case type = "@type", name }
}

/// schema.org Organization.
struct OrganizationLD: Encodable {
    let type = "Organization"
    var name: String
    enum CodingKeys: String, CodingKey { case type = "@type", name }
}

/// schema.org Place.
struct PlaceLD: Encodable {
    let type = "Place"
    var name: String
    enum CodingKeys: String, CodingKey { case type = "@type", name }
}
