/** Saves `data` as a JSON file the browser downloads (P24 exports). */
export function downloadJson(name: string, data: unknown): void {
  const url = URL.createObjectURL(
    new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download; the URL can go once this turn is over.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
