from l10tui.cli import main

main()
