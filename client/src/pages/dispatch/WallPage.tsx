/** Placeholder until this console lands. */
export default function WallPage() {
  return <main className="placeholder">WallPage</main>;
}
