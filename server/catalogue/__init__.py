"""The product catalogue: products with options, bundles, money rules, search and images."""
