# Reproduces, in R, every reference value that logistic-regression.test.ts checks, at full precision.
# Run with: Rscript glm-reference.R   (R >= 4.0; needs only the recommended package MASS)
# R is not installed where Vigil's tests run, so the tests use the published outputs named in them;
# this script lets anyone with R confirm those numbers, and the extra digits, independently.

options(digits = 15)

show_fit <- function(label, fit) {
  cat("\n==", label, "==\n")
  s <- summary(fit)
  print(coef(s))                         # Estimate, Std. Error, z value, Pr(>|z|)
  cat("deviance      ", fit$deviance, "\n")
  cat("null deviance ", fit$null.deviance, "\n")
  cat("AIC           ", fit$aic, "\n")
  cat("iterations    ", fit$iter, "\n")
}

# Hosmer & Lemeshow low birth weight (statsmodels results_glm.py class Lbw holds these from R via rpy).
data(birthwt, package = "MASS")
birthwt$race <- factor(birthwt$race, levels = 1:3, labels = c("white", "black", "other"))
show_fit("low ~ age + lwt + race + smoke + ptl + ht + ui",
         glm(low ~ age + lwt + race + smoke + ptl + ht + ui, family = binomial, data = birthwt))

# mtcars models published by theanalysisfactor.com (vs ~ wt + disp) and statology.org (am ~ disp + hp).
show_fit("vs ~ wt + disp", glm(vs ~ wt + disp, family = binomial, data = mtcars))
show_fit("am ~ disp + hp", glm(am ~ disp + hp, family = binomial, data = mtcars))

# Intercept only: the estimate is logit(14/32); the SE is close to sqrt(1 / (32 * 14/32 * 18/32)).
show_fit("vs ~ 1", glm(vs ~ 1, family = binomial, data = mtcars))

# Separation: R warns "fitted probabilities numerically 0 or 1 occurred"; Vigil throws PERFECT_SEPARATION.
show_fit("separated", suppressWarnings(glm(y ~ x, family = binomial,
                                             data = data.frame(x = 1:6, y = c(0, 0, 0, 1, 1, 1)))))

# Normal tails used for Pr(>|z|).
print(2 * pnorm(-c(1.959963984540054, 2.5758293035489, 5)))
