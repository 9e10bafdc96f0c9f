import Foundation
import NewsLoader
import NewsModel
import Templates

/// Builds a site: load every source, plan, render, and swap the finished output into place.
public struct Site: Sendable {
    /// The portal's default name and description.
    public static let defaultInfo = SiteInfo(name: "职工新闻网", description: "工会新闻门户：产改、新就业形态、建会入会与职工服务")

    /// What a finished build reports.
    public struct Report: Sendable {
        /// Articles on the site.
        public var articles: Int
        /// Files written.
        public var files: Int
        /// The loader's warnings.
        public var warnings: [LoadDiagnostic]
    }

    /// The loader.
    public var loader: NewsLoader
    /// The portal's name and description.
    public var info: SiteInfo

    /// Creates a builder.
    public init(loader: NewsLoader, info: SiteInfo = Site.defaultInfo) {
        self.loader = loader
        self.info = info
    }

    /// The site's information: `site.yml` over the defaults, `baseURL` over `site.yml`.
    public func siteInfo(_ settings: SiteSettings, baseURL: String? = nil) -> SiteInfo {
        SiteInfo(name: settings.name ?? info.name, description: settings.description ?? info.description,
                 baseURL: baseURL ?? settings.url ?? info.baseURL)
    }

    /// Builds the site from `source` into `output`. The previous contents of `output` stay in place
    /// until the new site is complete.
    /// - Throws: `BuildError` naming every problem; nothing is written to `output` then.
    /// - Parameter baseURL: the site's public address; overrides `url` in `site.yml`.
    public func build(source: URL, output: URL, baseURL: String? = nil) throws(BuildError) -> Report {
        let loaded: LoadedSources
        do { loaded = try loader.load(source: source) } catch { throw .load(error) }
        let disk = try DiskOutput(output: output, source: source)
        do {
            let summary = try SiteRenderer(site: siteInfo(loaded.settings, baseURL: baseURL)).render(loaded.articles, into: disk)
            try disk.commit()
            return Report(articles: summary.articles, files: summary.files, warnings: loaded.diagnostics)
        } catch let error as BuildError {
            disk.discard()
            throw error
        } catch {
            disk.discard()
            throw .write(path: output.path, reason: error.localizedDescription)
        }
    }
}
