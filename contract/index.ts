export * from './common';
export * from './session';
export * from './rating';
export * from './headset';
export * from './auth';
export * from './patients';
export type * from './events';
export * from './export';
