# IOM's Spanish texts group thousands with a full stop ("más de 1.800 participantes"), where
# Django's Spanish formats use a space.
THOUSAND_SEPARATOR = "."
