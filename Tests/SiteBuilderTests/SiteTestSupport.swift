import Foundation
import NewsLoader
import NewsModel
@testable import SiteBuilder

/// One loader for all tests.
let testLoader: NewsLoader = {
    do { return try NewsLoader() } catch { fatalError("bundled data does not load: \(error)") }
}()

/// A temporary folder holding `files`; the caller removes it.
func makeTree(_ files: [String: String]) throws -> URL {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("unionpress-site-\(UUID().uuidString)")
    for (path, text) in files {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }
    return root
}

/// A small site in both source formats: two page dumps and three Markdown articles in two cities.
let fixtureSources: [String: String] = [
    "pages/2023-05-01.txt": """
    2023年5月1日

    星期一

    总第12001号

    浙江工人日报

    “产改”进行时

    绍兴上虞 骑手驿站 温暖启用

    本报讯 记者王芳 通讯员李明报道 近日，绍兴市上虞区总工会在百官街道启用骑手驿站，为外卖骑手、快递小哥提供休息、充电、饮水等服务。

    驿站配备了微波炉、急救箱和图书角。区总工会负责人说，今年还将新建10个驿站。

    嘉兴平湖 职工技能比武

    本报讯 通讯员赵强报道 平湖市总工会日前举办职工技能比武，来自全市50家企业的200名职工参赛，比赛设电工、焊工等项目。

    比赛现场，选手们精益求精，展现了新时代产业工人的风采。
    """,
    "pages/2023-05-02.txt": """
    2023年5月2日

    浙江工人日报

    诸暨 “枫桥经验”进企业

    本报讯 记者陈东报道 诸暨市总工会把“枫桥经验”引入企业劳动关系治理，建立职工矛盾调解室30个，化解劳动纠纷100余起。

    调解员多由企业老职工担任，熟悉情况，职工信得过。
    """,
    "articles/ai.md": """
    ---
    title: "AED进车间 <守护>职工生命"
    date: 2023-04-30
    regions: [杭州市, 萧山区]
    topics: [安全生产, 职工服务]
    reporters: [周静]
    ---

    萧山区总工会为100家企业配备**AED**自动除颤仪，并组织急救培训。

    ## 培训覆盖一线

    | 项目 | 人数 |
    | --- | --- |
    | 急救培训 | 800 |

    详见 https://example.org/aed 。
    """,
    "articles/rider.md": """
    ---
    title: 骑手入会“一键办”
    date: 2023-04-29
    regions: [杭州市]
    topics: [新就业形态, 建会入会]
    ---

    杭州市总工会推出“一键入会”，骑手扫码即可加入工会。<script>alert(1)</script>

    [不安全的链接](javascript:alert(1))
    """,
    "articles/wuxi.md": """
    ---
    title: 无锡工会为困难职工送温暖
    date: 2023-01-15
    regions: [无锡市]
    topics: [职工服务]
    attribution: 江苏工人报
    ---

    无锡市总工会走访慰问困难职工500户。
    """,
]

/// Renders the fixture site into memory.
func renderFixtureSite() throws -> [String: Data] {
    let root = try makeTree(fixtureSources)
    defer { try? FileManager.default.removeItem(at: root) }
    let loaded = try testLoader.load(source: root)
    let output = MemoryOutput()
    _ = try SiteRenderer(site: Site.defaultInfo).render(loaded.articles, into: output)
    return output.snapshot
}
