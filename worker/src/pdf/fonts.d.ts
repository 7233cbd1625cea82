// wrangler.jsonc bundles *.ttf as Data modules: the import is the file's bytes.
declare module "*.ttf" {
  const data: ArrayBuffer;
  export default data;
}
