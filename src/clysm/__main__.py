from clysm.cli import main

raise SystemExit(main())
