import Testing
@testable import UnionPressCLI

@Suite("The source folder told before the arguments are parsed")
struct SourceNamedTests {
    @Test("build's --source is found in either form, the default without one; another command's never")
    func sourceNamed() {
        #expect(BuildCommand.sourceNamed(in: ["build", "--source", "稿件", "--output", "public"]) == "稿件")
        #expect(BuildCommand.sourceNamed(in: ["build", "--output", "out", "--source=content/articles"]) == "content/articles")
        #expect(BuildCommand.sourceNamed(in: ["build", "--output", "out"]) == SourceOptions.defaultSource)
        #expect(BuildCommand.sourceNamed(in: ["build", "--source", "a", "--source", "b"]) == "b", "the last one given, as the parser takes it")
        #expect(BuildCommand.sourceNamed(in: ["build", "--", "--source", "x"]) == SourceOptions.defaultSource, "nothing after --")
        #expect(BuildCommand.sourceNamed(in: ["list", "--source", "稿件"]) == nil)
        #expect(BuildCommand.sourceNamed(in: ["--source", "稿件"]) == nil, "the default command is not guessed at")
        #expect(BuildCommand.sourceNamed(in: []) == nil)
    }
}
