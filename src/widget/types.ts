/** Types shared by the explorer's parts and its hosts. */
import type { RootState } from '@react-three/fiber';
import type { SessionController } from '../client/controller';
import type { AppStore } from '../state/store';

/** Reported once the first complete landscape is on screen. */
export interface ReadyDetail {
  /** `performance.now()` when the first landscape reached the store (ms). */
  firstLandscapeMs: number;
}

/** What a host sees of a running explorer (the page's test handle is built on it). */
export interface ExplorerHandle {
  store: AppStore;
  controller: SessionController;
  /** react-three-fiber's state of the 3-D view, once it exists. */
  scene(): RootState | null;
}

/** Where the explorer keeps react-three-fiber's state of its 3-D view. */
export type SceneRef = { current: RootState | null };
