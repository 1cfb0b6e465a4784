export * from './lines.ts';
export * from './seats.ts';
export * from './targets.ts';
export * from './centreFigures.ts';
export * from './capacity.ts';
export * from './dispatcherFigures.ts';
export * from './answer.ts';
