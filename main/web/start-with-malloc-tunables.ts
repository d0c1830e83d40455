// Imported first by web-host.ts, so that the restart (malloc-tunables.ts) comes before the rest of
// the host is loaded.
import { restartWithMallocTunables } from './malloc-tunables';

restartWithMallocTunables();
