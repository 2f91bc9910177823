/**
 * The lower-case Greek letters by name, as TeX spells them (`\alpha`) and a
 * student types them ("alpha"). The concept cards turn TeX into the letters
 * (concepts/text.ts); the analyzer turns the letters into their names, so γ,
 * "gamma" and `$\gamma$` are one word (text/analyzer.ts). TeX has no
 * `\omicron`: ο is written as an o.
 */
export const GREEK_LETTERS: Readonly<Record<string, string>> = {
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  zeta: 'ζ',
  eta: 'η',
  theta: 'θ',
  iota: 'ι',
  kappa: 'κ',
  lambda: 'λ',
  mu: 'μ',
  nu: 'ν',
  xi: 'ξ',
  pi: 'π',
  rho: 'ρ',
  sigma: 'σ',
  tau: 'τ',
  upsilon: 'υ',
  phi: 'φ',
  chi: 'χ',
  psi: 'ψ',
  omega: 'ω',
};
