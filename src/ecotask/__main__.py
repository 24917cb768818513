try:
    from ecotask.cli import main
except KeyboardInterrupt:  # Ctrl-C while the import finds ecotask.cli, before its own guard
    raise SystemExit(130) from None

main()
