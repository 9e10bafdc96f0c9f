import Foundation
@testable import NewsLoader
import NewsModel
import Testing

@Suite("Large and repeated input")
struct LargeAndDuplicateInputTests {
    @Test("a 5 MB page dump loads: every story on it comes out, none is dropped")
    func fiveMegabytePage() throws {
        let story = """
        第N期 职工服务站启用

        本报讯 记者王芳 通讯员李明报道 杭州市总工会近日在萧山区启用职工服务站，为一线职工提供休息、饮水、充电等服务，受到职工欢迎。

        服务站还设有法律咨询角，工会律师每周坐班两次，为职工解答劳动合同、工资支付等方面的问题。


        """
        var page = ""
        var count = 0
        while page.utf8.count < 5 * 1024 * 1024 {
            count += 1
            page += story.replacingOccurrences(of: "第N期", with: "第\(count)期")
        }
        let root = try makeSourceTree(["big.txt": page])
        defer { try? FileManager.default.removeItem(at: root) }
        let loaded = try sharedLoader.load(source: root)
        #expect(loaded.articles.count == count)
        #expect(Set(loaded.articles.map(\.slug)).count == count)
    }

    @Test("two stories with one title get two distinct URLs that stay the same from build to build")
    func sameTitle() throws {
        let story = "全市工会开展送清凉\n\n本报讯 记者王芳报道 杭州市总工会近日开展送清凉活动，走访一线职工3000余人次。\n"
        let files = ["a/page.txt": story + "\n" + story.replacingOccurrences(of: "3000", with: "4000"), "b/page.txt": story]
        let first = try makeSourceTree(files)
        let second = try makeSourceTree(files)
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let slugs = try sharedLoader.load(source: first).articles.map(\.slug)
        #expect(slugs.count == 3)
        #expect(Set(slugs).count == 3)
        #expect(try sharedLoader.load(source: second).articles.map(\.slug) == slugs)
    }
}
