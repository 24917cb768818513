from ecotask.cli import main

main()
