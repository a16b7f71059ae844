export * from './paginate';
export * from './map-items';
