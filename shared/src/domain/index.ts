/** Pure domain rules shared by server and client; test factories live in ./testFactories.ts and are not re-exported. */
export * from './result.ts';
export * from './lifecycles.ts';
export * from './geo.ts';
export * from './capability.ts';
export * from './recommendUnits.ts';
export * from './suggestHospitals.ts';
export * from './icuTargets.ts';
export * from './priority.ts';
export * from './offload.ts';
export * from './duplicates.ts';
export * from './load.ts';
export * from './capacity.ts';
export * from './hospitalDay.ts';
