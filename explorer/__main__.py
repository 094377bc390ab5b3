from explorer.main import main

raise SystemExit(main())
