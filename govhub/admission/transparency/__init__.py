"""What a street and its communities show the public: the catalogue, who asks, what was
decided and refused, and where the workers' hours go."""
