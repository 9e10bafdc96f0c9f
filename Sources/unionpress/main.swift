import UnionPressCLI

UnionPressCommand.main()
