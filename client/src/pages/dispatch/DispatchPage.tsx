/** Placeholder until the dispatcher console lands: the live map alone. */
import { CityMap } from '../../map/CityMap.tsx';

export default function DispatchPage() {
  return (
    <main style={{ flex: 1, minHeight: 0 }}>
      <CityMap />
    </main>
  );
}
