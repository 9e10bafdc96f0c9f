import Testing
@testable import PreviewServer

@Test("the preview server module links") func links() { _ = PreviewServer.self }
