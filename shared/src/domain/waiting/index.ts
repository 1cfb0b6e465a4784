export * from './callbacks.ts';
export * from './recontact.ts';
export * from './estimatedWait.ts';
