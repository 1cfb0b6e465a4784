/** Screens by path, and which roles may open each. Each console owns its page module. */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '@dispatch/shared';

export interface ScreenRoute {
  path: string;
  roles: readonly Role[];
  /** Full-screen layouts (wall display, printable report) hide the top bar. */
  bare?: boolean;
  component: LazyExoticComponent<ComponentType>;
}

export const SCREENS: ScreenRoute[] = [
  { path: '/dispatch', roles: ['dispatcher'], component: lazy(() => import('../pages/dispatch/DispatchPage.tsx')) },
  { path: '/wall', roles: ['dispatcher', 'command', 'admin'], bare: true, component: lazy(() => import('../pages/dispatch/WallPage.tsx')) },
  { path: '/hospital', roles: ['nurse'], component: lazy(() => import('../pages/hospital/HospitalPage.tsx')) },
  { path: '/command', roles: ['command', 'admin'], component: lazy(() => import('../pages/command/CommandPage.tsx')) },
  { path: '/command/report', roles: ['command', 'admin'], bare: true, component: lazy(() => import('../pages/command/ReportPage.tsx')) },
  { path: '/admin', roles: ['admin'], component: lazy(() => import('../pages/admin/AdminPage.tsx')) },
];

/** Where a role lands after login. */
export const HOME: Record<Role, string> = {
  dispatcher: '/dispatch',
  nurse: '/hospital',
  command: '/command',
  admin: '/admin',
  gateway: '/login',
  telephony: '/login',
  // The crew screen (/crew) comes with the terminal's client; until then a crew account uses the crew API only.
  crew: '/login',
};
