from isms.cli import main

raise SystemExit(main())
