try:
    from ecotask.console import main
except KeyboardInterrupt:  # Ctrl-C while the import finds ecotask, before its own guard
    raise SystemExit(130) from None

main()
