import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './page.css';

// `?scene-test=1`: the developer test fixture of the landscape views (src/app/SceneTestPage.tsx).
const SceneTestPage = lazy(() => import('./SceneTestPage'));
const sceneTest = new URLSearchParams(window.location.search).get('scene-test') === '1';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    {sceneTest ? (
      <Suspense fallback={null}>
        <SceneTestPage />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
