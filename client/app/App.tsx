// Picks the view for the current path.
import { usePathname } from '../components/navigation.ts';
import { DemoPage } from '../views/demo/DemoPage.tsx';
import { ExecutivePage } from '../views/executive/ExecutivePage.tsx';
import { OperatorPage } from '../views/operator/OperatorPage.tsx';
import { ReplayPage } from '../views/replay/ReplayPage.tsx';
import { ReportPage } from '../views/report/ReportPage.tsx';
import { SignInPage } from '../views/signin/SignInPage.tsx';
import { WallPage } from '../views/wall/WallPage.tsx';
import { routeFor } from './router.ts';

export function App() {
  switch (routeFor(usePathname())) {
    case 'wall':
      return <WallPage />;
    case 'executive':
      return <ExecutivePage />;
    case 'operator':
      return <OperatorPage />;
    case 'signin':
      return <SignInPage />;
    case 'report':
      return <ReportPage />;
    case 'replay':
      return <ReplayPage />;
    case 'demo':
      return <DemoPage />;
  }
}
