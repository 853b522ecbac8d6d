export interface AppProps {
  /** Product version shown in the footer. */
  readonly version: string;
}

/** The dashboard shell; indicator charts mount inside it. */
export function App({ version }: AppProps) {
  return (
    <main>
      <header>
        <h1>Vigil</h1>
        <p>Quality-improvement indicators, live from FHIR.</p>
      </header>
      <footer>Vigil {version}</footer>
    </main>
  );
}
