import type { SessionController } from '../client/controller';
import { useAppStore } from '../state/store';
import { LandscapePanel } from '../ui/LandscapePanel';
import { useHidden } from '../ui/useHidden';
import { ExportMenu } from './ExportMenu';
import { useReadyReport } from './ready';
import type { ReadyDetail, SceneRef } from './types';

/** The 3-D surface / contour map; reports readiness once, after its first landscape is drawn. */
export function LandscapeCard({
  controller,
  scene,
  onReady,
}: {
  controller: SessionController;
  scene: SceneRef;
  onReady?: (detail: ReadyDetail) => void;
}) {
  const landscapeError = useAppStore((st) => st.session!.landscapeError);
  // Once: the 3-D view's first frame, or the contour map's first landscape.
  const reportReady = useReadyReport(controller, onReady);
  // A classroom link may hide the landscape (then no first frame is reported).
  const hidden = useHidden('landscape');
  if (hidden) return null;
  return (
    <section className="card landscape-card" data-testid="landscape-section">
      <ExportMenu controller={controller} scene={scene} />
      <LandscapePanel
        showScrubber={false}
        showControls={false}
        sceneHeight="100%"
        onCreated={(state) => {
          scene.current = state;
        }}
        emptyMessage={landscapeError ?? 'Computing the landscape…'}
        onFirstFrame={reportReady}
      />
    </section>
  );
}
