import type { ComponentProps } from 'react';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-300',
  secondary: 'bg-white text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 disabled:text-slate-400',
  ghost: 'text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-300',
  danger: 'bg-white text-bad ring-1 ring-inset ring-red-200 hover:bg-red-50 disabled:text-red-300',
};

export const focusRing =
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600';

export function buttonClass(variant: Variant = 'primary', size: 'sm' | 'md' = 'md') {
  return [
    'inline-flex items-center justify-center gap-1.5 rounded-md font-medium shadow-xs transition-colors',
    'disabled:cursor-not-allowed',
    size === 'sm' ? 'px-2.5 py-1.5 text-sm' : 'px-3.5 py-2 text-sm',
    VARIANTS[variant],
    focusRing,
  ].join(' ');
}

// ComponentProps, not the attributes alone: a ref reaches the <button> (React 19 passes it as a prop).
type ButtonProps = ComponentProps<'button'> & { variant?: Variant; size?: 'sm' | 'md' };

export function Button({ variant = 'primary', size = 'md', className = '', type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={`${buttonClass(variant, size)} ${className}`} {...props} />;
}
