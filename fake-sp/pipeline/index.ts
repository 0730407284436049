export { validateResponse, validateXmlString, isVerdictValid, OPTIONAL_SKIP_CODES } from './validate.ts';
export * from './types.ts';
export { FLEX_ATTRIBUTES, TYPED_SUFFIXES, NAMESPACED_EQUIVALENTS, REQUIRED_FLEX_ATTRIBUTES, flexAttribute } from './flex-attributes.ts';
export { FLEX_ROLES, splitRoles } from '../../flex/roles.ts';
export type { FlexAttributeSpec, FlexAttributeKind, FlexAttributeName } from './flex-attributes.ts';
export { flexView } from './flex-view.ts';
export { didYouMean } from '../../flex/did-you-mean.ts';
export { MARKUP_LIMITS, type MarkupLimits } from './markup-limits.ts';
