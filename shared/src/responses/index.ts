/** Response schemas of the REST API, one file per resource; the routes declare them and the OpenAPI description shows them. */
export { ApiErrorSchema } from './common.ts';
export * from './entities.ts';
export * from './calls.ts';
export * from './units.ts';
export * from './hospitals.ts';
export * from './auth.ts';
export * from './system.ts';
export * from './stats.ts';
export * from './reports.ts';
export * from './city.ts';
export * from './admin.ts';
export * from './telephony.ts';
export * from './crew.ts';
