// Imported first by each app's main.ts (by path, not through the lib's index, which loads every
// dependency): on an old Node it stops with one clear line before a dependency fails obscurely.
import { requireSupportedNode } from './supported-node';

requireSupportedNode();
