// tsyringe reads the Reflect metadata API when it is first evaluated, so the polyfill is loaded
// here, once, and every use of tsyringe inside core imports it from this module.
import 'reflect-metadata';

export {
  container,
  inject,
  injectable,
  instanceCachingFactory,
  type DependencyContainer,
  type InjectionToken,
} from 'tsyringe';
