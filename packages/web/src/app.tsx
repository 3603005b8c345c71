import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { Landing } from './shell/landing.js';
import { Loading } from './shell/loading.js';

// Each app is its own chunk: a child's device never downloads the guardian dashboard.
const KidApp = lazy(() => import('./kid/kid-app.js').then((m) => ({ default: m.KidApp })));
const GrownUpsApp = lazy(() =>
  import('./grown-ups/grown-ups-app.js').then((m) => ({ default: m.GrownUpsApp })),
);

export function App() {
  const { t } = useTranslation();
  return (
    <BrowserRouter>
      <a className="kt-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Suspense fallback={<Loading main />}>
        <Routes>
          <Route path="/" element={<Landing />} />
          <Route path="/kid/*" element={<KidApp />} />
          <Route path="/grown-ups/*" element={<GrownUpsApp />} />
          <Route path="*" element={<Landing />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  );
}
