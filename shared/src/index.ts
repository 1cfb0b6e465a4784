export * from './model.ts';
export * from './realtime.ts';
export * from './api.ts';
export * from './domain/index.ts';
export * from './liveState.ts';
export * from './gapWatch.ts';
export * from './positionsWire.ts';
export * from './cityBundle.ts';
