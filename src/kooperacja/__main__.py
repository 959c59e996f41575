from __future__ import annotations

from kooperacja.cli import main

raise SystemExit(main())
