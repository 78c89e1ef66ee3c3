/**
 * The loss-landscape section of the page: its own store (one per app instance) and the landscape
 * panel (3-D surface / contour map, toolbar, legend). Until the compute worker produces
 * landscapes it shows an empty state.
 *
 * Wiring (for the engine side): pass a store made with `createAppStore()` and feed it from the
 * worker's messages: `setLandscape(view)` when a grid starts, `touch('landscape')` after rows are
 * written into `view.values` in place, `setTrajectories([...])` when a job starts and
 * `touch('trajectories')` after points are appended in place (and `length` raised).
 */
import { StoreProvider, type AppStore } from '../state/store';
import { LandscapePanel } from '../ui/LandscapePanel';

export function LandscapeSection({ store }: { store?: AppStore }) {
  return (
    <section className="card landscape-card" data-testid="landscape-section">
      <div className="card-head">
        <h2>Loss landscape</h2>
      </div>
      <StoreProvider store={store}>
        <LandscapePanel />
      </StoreProvider>
    </section>
  );
}
