/** The compiled entry point, dist/bin/cli.js. */
export declare const built: URL
/** True in a checkout (the TypeScript sources beside bin/), false in an installed package. */
export declare const checkout: boolean
/** dist/ exists and, in a checkout, no source is newer than it. */
export declare function buildIsFresh(): boolean
