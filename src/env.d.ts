/** crxjs builds a `?script` import as its own content script file and gives back its path. */
declare module '*?script' {
  const fileName: string;
  export default fileName;
}
