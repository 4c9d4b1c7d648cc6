/**
 * The renderer is served from `app://qeyd/`, a privileged standard scheme, rather than file://: a real
 * origin makes 'self' in the CSP mean "our files only", and file:// would let any page read the disk.
 */
export const appScheme = 'app';
export const appHost = 'qeyd';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** What `protocol.registerSchemesAsPrivileged` needs, before the app is ready. */
export const appSchemePrivileges = {
  scheme: appScheme,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    codeCache: true,
    // Vite emits `<script type="module" crossorigin>`, which loads in CORS mode; the handler never
    // sends Access-Control-Allow-Origin, so no other origin can read our files.
    corsEnabled: true,
  },
} as const;
