from review_cli.cli import main

main()
