from osce_kg.cli import main

raise SystemExit(main())
