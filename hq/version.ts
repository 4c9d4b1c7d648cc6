import packageJson from '../package.json';

/** The release this HQ build belongs to; devices and monitors read it from /health. */
export const hqVersion: string = packageJson.version;
