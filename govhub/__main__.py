from govhub.entry import main

main()
